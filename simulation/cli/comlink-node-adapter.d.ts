/** comlink ships the Node adapter as .mjs with a sibling .d.ts; point the .mjs path at those types. */
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
