/**
 * Adaptive Gauss-Kronrod quadrature (7-point Gauss inside a 15-point Kronrod
 * rule, as QUADPACK's QK15): used for the queueing integrals that have no closed form.
 */

const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691,
  0.7415311855993945, 0.5860872354676911, 0.4058451513773972,
  0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019,
  0.14065325971552592, 0.1690047266392679, 0.19035057806478542,
  0.20443294007529889, 0.20948214108472782,
];
/** Gauss weights of the nodes XGK[1], XGK[3], XGK[5] and XGK[7]. */
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

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
