// Class fields name their values, whatever their modifiers.
class Client {
  private apiSecret = "private_field_value_1";
  static SECRET = "static_field_value_01";
  #token = "hash_private_value_01";
  readonly plain: string = "typed_field_value_001";
}
