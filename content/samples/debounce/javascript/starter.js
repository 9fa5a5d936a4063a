/**
 * Returns the times (ms) at which a trailing-edge debounced function fires,
 * given the times of the events that call it and the wait in ms.
 *
 * @param {number[]} times event times in ms, never decreasing
 * @param {number} wait the debounce wait in ms (at least 1)
 * @returns {number[]} the firing times, in increasing order
 */
function debounceTimes(times, wait) {
  return []; // replace with your solution
}

module.exports = { debounceTimes };
