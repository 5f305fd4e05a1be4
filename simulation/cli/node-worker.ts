/** Entry of a Node worker thread: exposes the simulation worker API over comlink on the parent port. */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { api } from '../run/worker-api';

if (parentPort === null) throw new Error('node-worker must run in a worker thread');
expose(api, nodeEndpoint(parentPort));
