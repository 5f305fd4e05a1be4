/**
 * Adaptive Gauss-Kronrod quadrature (7-point Gauss inside a 15-point Kronrod
 * rule, as QUADPACK's QK15): used for the queueing integrals that have no closed form.
 */

const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
/** Gauss weights of the nodes XGK[1], XGK[3], XGK[5] and XGK[7]. */
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

const MAX_DEPTH = 40;

/** Integral of f over [a, b] to an absolute error of about `absTol` (the Kronrod-Gauss difference bounds each piece's error). */
export function integrate(f: (x: number) => number, a: number, b: number, absTol: number): number {
  if (!(b > a)) return 0;
  return piece(f, a, b, absTol, 0);
}

function piece(f: (x: number) => number, a: number, b: number, tol: number, depth: number): number {
  const center = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(center);
  let kronrod = fc * WGK[7];
  let gauss = fc * WG[3];
  for (let j = 0; j < 7; j++) {
    const dx = half * XGK[j];
    const sum = f(center - dx) + f(center + dx);
    kronrod += WGK[j] * sum;
    if (j & 1) gauss += WG[j >> 1] * sum;
  }
  kronrod *= half;
  gauss *= half;
  if (Math.abs(kronrod - gauss) <= tol || depth >= MAX_DEPTH) return kronrod;
  return piece(f, a, center, 0.5 * tol, depth + 1) + piece(f, center, b, 0.5 * tol, depth + 1);
}
