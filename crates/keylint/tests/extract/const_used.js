// A constant is judged where it is used: the use gives the name, the declaration the place.
const K = "constant_value_0001";
const client = new PaymentClient(K);
configure({ apiKey: K });
const longer = K + "_suffix";
