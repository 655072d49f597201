export {
  buildResponse,
  DEFAULT_RESPONSE_SCHEMA_VERSION,
  isDuisResponseCode,
} from './build-response.js';
export type { BuildResponseOptions, BuildResponseResult } from './build-response.js';
export { escapeXmlAttribute, escapeXmlText } from './xml-text.js';
