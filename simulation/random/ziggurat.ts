/**
 * Tables of Marsaglia and Tsang's ziggurat for the standard normal (2000), with
 * 128 layers. The engine draws one 32-bit word per normal in about 98.8 % of
 * cases: its low 7 bits pick the layer, bit 7 the sign of a tail draw, and the
 * top 24 bits (signed) the position in the layer, so index and value never
 * share bits (the flaw Doornik, 2005, found in the original).
 */

/** Right edge of the base layer: where the tail starts. */
export const ZIG_R = 3.442619855899;
/** Area of each layer (the base layer including its tail) under exp(-x^2/2). */
const ZIG_V = 9.91256303526217e-3;
/** Scale of the signed 24-bit position: |position| < 2^23. */
const M = 8388608;

/** Fast-acceptance thresholds, in position units. */
export const ZIG_K = new Int32Array(128);
/** Position-to-x scale of each layer. */
export const ZIG_W = new Float64Array(128);
/** exp(-x_i^2 / 2) at each layer's right edge. */
export const ZIG_F = new Float64Array(128);

(function buildTables(): void {
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = Math.floor((dn / q) * M);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / M;
  ZIG_W[127] = dn / M;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = Math.floor((dn / tn) * M);
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / M;
  }
})();
