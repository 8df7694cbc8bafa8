package io.billstream.gateway.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The schema's scalars. {@code Decimal} carries money exactly as REST does: the service's decimal string goes out
 * unchanged, and an input (string, int or float literal — graphql-java keeps float literals as BigDecimal, so no
 * binary floating point is involved) is passed on as a decimal string for the service to check against the currency.
 */
final class Scalars {

    private Scalars() {
    }

    static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar().name("Decimal")
            .description("An exact decimal as the REST decimal string.")
            .coercing(new Coercing<String, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof String s) {
                        return s;
                    }
                    if (value instanceof BigDecimal d) {
                        return d.toPlainString();
                    }
                    if (value instanceof Integer || value instanceof Long) {
                        return value.toString();
                    }
                    throw new CoercingSerializeException("not a decimal: " + value);
                }

                @Override
                public String parseValue(Object input, GraphQLContext context, Locale locale) {
                    String text = input instanceof Number n ? new BigDecimal(n.toString()).toPlainString()
                            : input instanceof String s ? s : null;
                    return decimal(text, CoercingParseValueException::new);
                }

                @Override
                public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    String text = input instanceof StringValue s ? s.getValue()
                            : input instanceof IntValue i ? i.getValue().toString()
                            : input instanceof FloatValue f ? f.getValue().toPlainString() : null;
                    return decimal(text, CoercingParseLiteralException::new);
                }
            }).build();

    static final GraphQLScalarType DATE = text("Date", "A calendar date, YYYY-MM-DD.", s -> LocalDate.parse(s));
    static final GraphQLScalarType DATE_TIME = text("DateTime", "An RFC 3339 timestamp.", s -> OffsetDateTime.parse(s));

    static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON").description("Any JSON value.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    return value;
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return input;
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    return literal(input, variables);
                }
            }).build();

    private static Object literal(Value<?> value, CoercedVariables variables) {
        if (value instanceof StringValue s) {
            return s.getValue();
        }
        if (value instanceof IntValue i) {
            return i.getValue();
        }
        if (value instanceof FloatValue f) {
            return f.getValue();
        }
        if (value instanceof BooleanValue b) {
            return b.isValue();
        }
        if (value instanceof EnumValue e) {
            return e.getName();
        }
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof VariableReference v) {
            return variables.get(v.getName());
        }
        if (value instanceof ArrayValue a) {
            return a.getValues().stream().map(v -> literal(v, variables)).toList();
        }
        if (value instanceof ObjectValue o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.getObjectFields().forEach(f -> map.put(f.getName(), literal(f.getValue(), variables)));
            return map;
        }
        throw new CoercingParseLiteralException("not a JSON value");
    }

    private static String decimal(String text, java.util.function.Function<String, RuntimeException> error) {
        if (text == null) {
            throw error.apply("Decimal takes a decimal string or a number");
        }
        try {
            new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw error.apply("not a decimal: " + text);
        }
        return text.trim();
    }

    private interface Parser {
        Object parse(String text);
    }

    private static GraphQLScalarType text(String name, String description, Parser parser) {
        return GraphQLScalarType.newScalar().name(name).description(description)
                .coercing(new Coercing<String, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        return value.toString();
                    }

                    @Override
                    public String parseValue(Object input, GraphQLContext context, Locale locale) {
                        return check(input instanceof String s ? s : null, CoercingParseValueException::new);
                    }

                    @Override
                    public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                               Locale locale) {
                        return check(input instanceof StringValue s ? s.getValue() : null,
                                CoercingParseLiteralException::new);
                    }

                    private String check(String text, java.util.function.Function<String, RuntimeException> error) {
                        if (text == null) {
                            throw error.apply(name + " takes a string");
                        }
                        try {
                            parser.parse(text);
                        } catch (DateTimeParseException e) {
                            throw error.apply("not a " + name + ": " + text);
                        }
                        return text;
                    }
                }).build();
    }

    static List<GraphQLScalarType> all() {
        return List.of(DECIMAL, DATE, DATE_TIME, JSON);
    }
}
