package dev.hermod.core.internal.mail;

import java.lang.reflect.Method;

/** Ends provider components the way DS would, through their package-private {@code deactivate}. */
final class Providers {

    private Providers() {
    }

    static void deactivate(Object component) {
        try {
            Method deactivate = component.getClass().getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot deactivate " + component, e);
        }
    }
}
