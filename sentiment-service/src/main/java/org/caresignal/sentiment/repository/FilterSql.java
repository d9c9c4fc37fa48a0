package org.caresignal.sentiment.repository;

import java.util.HashMap;
import java.util.Map;

/**
 * A query's text and named parameters built condition by condition: the filters that the search,
 * the history's raw count and the rollup reads share (brand, facility, source, label...), each
 * added only when its value is given.
 */
final class FilterSql {

    private final StringBuilder sql;
    private final Map<String, Object> parameters = new HashMap<>();

    FilterSql(String start) {
        this.sql = new StringBuilder(start);
    }

    /** {@code and <column> = :<name>} when {@code value} is not null. */
    FilterSql equal(String column, String name, Object value) {
        return value == null ? this : and(column + " = :" + name, name, value);
    }

    /** {@code and <condition>} with its one parameter. */
    FilterSql and(String condition, String name, Object value) {
        sql.append(" and ").append(condition);
        parameters.put(name, value);
        return this;
    }

    /** {@code and <condition>}, a condition without parameter. */
    FilterSql and(String condition) {
        sql.append(" and ").append(condition);
        return this;
    }

    /** Appends text as it is (ordering, limits). */
    FilterSql append(String text) {
        sql.append(text);
        return this;
    }

    FilterSql parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    String sql() {
        return sql.toString();
    }

    Map<String, Object> parameters() {
        return parameters;
    }
}
