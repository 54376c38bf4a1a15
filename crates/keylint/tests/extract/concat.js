// `+` and `.concat()` of known pieces fold to one value; an unknown piece leaves the known one.
const apiToken = "tok_first_half_" + "second_half_0001";
const joined = "prefix_value_".concat("suffix_value_02");
const withUnknown = "known_part_here_" + window.location.hash;
