/** Erlang C from the textbook sum, independent of the engine's recurrence (fine for small c). */
export function erlangCBySum(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top);
}

/** P(S + W > T) for M/M/c with exponential service at rate mu (per second), arrivals lambda, T in seconds. */
export function mmcTail(c: number, mu: number, lambda: number, T: number): number {
  const C = erlangCBySum(c, lambda / mu);
  const theta = c * mu - lambda;
  return (1 - C) * Math.exp(-mu * T) + (C * (theta * Math.exp(-mu * T) - mu * Math.exp(-theta * T))) / (theta - mu);
}
