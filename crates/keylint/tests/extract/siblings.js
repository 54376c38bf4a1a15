// The other keys of the object a value sits in, and the keys that enclose it.
initializeApp({ apiKey: "sibling_key_value_01", authDomain: "demo.firebaseapp.com", projectId: "demo-project" });
const config = { payments: { live: { secret: "nested_path_value_01" } } };
