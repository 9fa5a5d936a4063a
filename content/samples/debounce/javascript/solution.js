/**
 * Returns the times (ms) at which a trailing-edge debounced function fires,
 * given the times of the events that call it and the wait in ms.
 *
 * An event ends its burst when the next one comes `wait` ms or more later (or
 * never): the timer it started then runs out, at its time plus `wait`.
 *
 * @param {number[]} times event times in ms, never decreasing
 * @param {number} wait the debounce wait in ms (at least 1)
 * @returns {number[]} the firing times, in increasing order
 */
function debounceTimes(times, wait) {
  const fired = [];
  times.forEach((t, i) => {
    if (i === times.length - 1 || times[i + 1] - t >= wait) {
      fired.push(t + wait);
    }
  });
  return fired;
}

module.exports = { debounceTimes };
