package dev.usagekit.testkit;

import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.UsageEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an endpoint's results, in the order the API writes them, read from the model's result type
 * (its {@code ResultFields}): so a result type added to the model is served without a change here.
 */
final class ResultShape {
  enum Kind {
    /** A count, summed. */
    COUNT,
    /** A grouping field: the group's value when grouped by it, null otherwise. */
    GROUP,
    /** Costs {@code amount}: summed value and currency. */
    AMOUNT,
    /** Costs {@code quantity}: summed when grouped by line item, null otherwise. */
    QUANTITY,
    /** Costs {@code quantity_unit}: the common unit when grouped by line item, null otherwise. */
    QUANTITY_UNIT
  }

  static final class Field {
    final String name;
    final Kind kind;

    Field(String name, Kind kind) {
      this.name = name;
      this.kind = kind;
    }
  }

  private static final Map<UsageEndpoint, List<Field>> SHAPES = new EnumMap<>(UsageEndpoint.class);

  static {
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      SHAPES.put(endpoint, Collections.unmodifiableList(read(endpoint)));
    }
  }

  private ResultShape() {}

  /** The fields of {@code endpoint}'s results after {@code object}, in order. */
  static List<Field> of(UsageEndpoint endpoint) {
    return SHAPES.get(endpoint);
  }

  private static List<Field> read(UsageEndpoint endpoint) {
    List<Field> fields = new ArrayList<>();
    for (ResultField field : ResultFields.of(endpoint.resultType()).all()) {
      fields.add(new Field(field.name(), kindOf(endpoint, field.name())));
    }
    return fields;
  }

  private static Kind kindOf(UsageEndpoint endpoint, String name) {
    for (GroupByField field : endpoint.groupByFields()) {
      if (field.wireValue().equals(name)) {
        return Kind.GROUP;
      }
    }
    if (endpoint == UsageEndpoint.COSTS) {
      switch (name) {
        case "amount":
          return Kind.AMOUNT;
        case "quantity":
          return Kind.QUANTITY;
        case "quantity_unit":
          return Kind.QUANTITY_UNIT;
        default:
          throw new IllegalStateException("Unexpected costs field " + name);
      }
    }
    return Kind.COUNT;
  }
}
