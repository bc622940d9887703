package dev.hotplex.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Masks a JSON tree value by value, so that the result stays valid JSON: masking the serialized text could cut
 * through quotes. A number or boolean that spells a secret becomes the string {@value SecretMasker#MASK}.
 */
final class MaskedJson {
  private MaskedJson() {}

  static JsonNode mask(JsonNode node, SecretMasker masker) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node == null || node.isNull() || node.isMissingNode()) {
      return node;
    }
    if (node.isObject()) {
      ObjectNode copy = nodes.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(masker.mask(field.getKey()), mask(field.getValue(), masker));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = nodes.arrayNode();
      node.forEach(element -> copy.add(mask(element, masker)));
      return copy;
    }
    if (node.isTextual()) {
      return nodes.textNode(masker.mask(node.textValue()));
    }
    return masker.reveals(node.asText()) ? nodes.textNode(SecretMasker.MASK) : node;
  }
}
