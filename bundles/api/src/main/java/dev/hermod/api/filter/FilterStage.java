package dev.hermod.api.filter;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The stages at which a {@link MessageFilter} may be called. A filter names the stages it wants in its
 * {@value MessageFilter#STAGES} service property.
 */
public enum FilterStage {
    /** A client connected; {@link MessageFilter#onConnect}. */
    CONNECT,
    /** {@code EHLO}/{@code HELO}/{@code LHLO}; {@link MessageFilter#onEhlo}. */
    EHLO,
    /** {@code MAIL FROM}; {@link MessageFilter#onMail}. */
    MAIL,
    /** {@code RCPT TO}; {@link MessageFilter#onRcpt}. */
    RCPT,
    /** The message was received; {@link MessageFilter#onData}. */
    DATA,
    /** Local delivery to one account; {@link MessageFilter#onDelivery}. */
    DELIVERY;

    /**
     * Reads a filter's {@value MessageFilter#STAGES} service property.
     *
     * @param property the property's value: {@code null} (absent), a {@code String}, a {@code String[]} or a
     *                 {@code Collection} of strings, each a stage name in any case
     * @return the stages, every stage when {@code property} is {@code null}; a new modifiable set
     * @throws IllegalArgumentException if a value is not a stage name, or the property has another type
     */
    public static Set<FilterStage> fromServiceProperty(Object property) {
        if (property == null) {
            return EnumSet.allOf(FilterStage.class);
        }
        Collection<?> names;
        if (property instanceof String s) {
            names = List.of(s);
        } else if (property instanceof String[] a) {
            names = List.of(a);
        } else if (property instanceof Collection<?> c) {
            names = c;
        } else {
            throw new IllegalArgumentException(MessageFilter.STAGES + " must be a String, String[] or Collection, not "
                    + property.getClass().getName());
        }
        Set<FilterStage> stages = EnumSet.noneOf(FilterStage.class);
        for (Object name : names) {
            try {
                stages.add(valueOf(String.valueOf(name).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown filter stage '" + name + "' in " + MessageFilter.STAGES
                        + "; use one of " + List.of(values()), e);
            }
        }
        return stages;
    }
}
