// String.fromCharCode with listed codes, and with an array spread into it.
const listed = String.fromCharCode(99, 104, 97, 114, 95, 99, 111, 100, 101, 115, 95, 49);
const spread = String.fromCharCode(...[115, 112, 114, 101, 97, 100, 95, 99, 111, 100, 101, 115]);
