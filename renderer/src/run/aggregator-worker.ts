/**
 * The app's aggregator worker: simulation workers send it each batch's
 * accumulator (over their own MessagePort), it merges them and builds the
 * result document when the main thread asks. Merging and summarising stay off
 * the main thread, so the UI never waits for them.
 */
import { expose } from 'comlink';
import { createAggregator } from './aggregator';

const api = createAggregator();

expose({
  ...api,
  /** Serves the aggregator on a port a simulation worker will send its batches through. */
  connect(port: MessagePort): void {
    expose(api, port);
  },
});
