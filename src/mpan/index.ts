export { MPAN_CHECK_DIGIT_WEIGHTS, mpanCheckDigit } from './check-digit.js';
export { DISTRIBUTORS, findDistributor, type Distributor, type DistributorKind } from './distributors.js';
export {
  parseMpanCore,
  type MpanCore,
  type MpanParseFailureReason,
  type MpanParseResult,
} from './parse-mpan-core.js';
