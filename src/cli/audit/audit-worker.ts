// One worker thread of `duis-validate audit --jobs N`: audits the shard it is given and posts the report back.
import { parentPort, workerData } from 'node:worker_threads';
import { auditShard, type ShardJob } from './audit-files.js';

parentPort!.postMessage(auditShard(workerData as ShardJob));
