// atob("…") and Buffer.from("…", "base64") decode to the text they carry.
const fromAtob = atob("ZGVjb2RlZF90b2tlbl92YWx1ZV8x");
const fromBuffer = Buffer.from("YnVmZmVyX2RlY29kZWRfdmFsdWU=", "base64").toString();
