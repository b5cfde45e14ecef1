package org.vesalius.vna.archive.api.query;

import java.util.Objects;

/**
 * One key of a query: an attribute the archive knows how to match (see {@link QueryAttributes})
 * and how it must match.
 *
 * @param attribute the attribute
 * @param condition its condition; {@link Condition.Universal} makes it a return key only
 */
public record AttributeMatch(QueryAttribute attribute, Condition condition) {

    public AttributeMatch {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(condition, "condition");
    }

    /** The attribute's tag. */
    public int tag() {
        return attribute.tag();
    }

    /** True unless the condition is universal. */
    public boolean constrains() {
        return !(condition instanceof Condition.Universal);
    }
}
