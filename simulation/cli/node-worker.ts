/** Entry of a Node worker thread: exposes the simulation worker API over comlink on the parent port. */
import { parentPort } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { api, transferablesOf } from '../run/worker-api';

if (parentPort === null) throw new Error('node-worker must run in a worker thread');
// The accumulator's arrays move to the main thread instead of being copied (this worker is done with them).
expose(
  {
    ...api,
    takeAccumulator() {
      const json = api.takeAccumulator();
      return transfer(json, transferablesOf(json));
    },
  },
  nodeEndpoint(parentPort),
);
