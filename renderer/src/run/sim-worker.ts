/** The app's simulation worker: the engine's worker API, exposed with comlink. */
import { expose } from 'comlink';
import { api } from '../../../simulation/run/worker-api';

expose(api);
