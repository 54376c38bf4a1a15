// A template whose parts are all known folds to one value; one with a run-time part does not.
const region = "eu-west";
const endpoint = `https://api.${region}.example.test/v1`;
const greeting = `hello ${user.name}, welcome back`;
const plain = `no_substitution_here_01`;
