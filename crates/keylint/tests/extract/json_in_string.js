// JSON inside a string: each string value becomes a candidate with its key path.
const settings = JSON.parse('{"service":{"apiKey":"json_nested_value_01","region":"eu"},"list":["array_item_value_1"]}');
