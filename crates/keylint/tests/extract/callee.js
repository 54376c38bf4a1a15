// The function or constructor a value is passed to, the outer one for a call in its arguments,
// and the URL of a fetch.
initSdk("passed_to_callee_01");
new Uploader(wrap("inner_call_argument_1"));
fetch("https://api.example.test/charge", { headers: { Authorization: "Bearer header_value_001" } });
