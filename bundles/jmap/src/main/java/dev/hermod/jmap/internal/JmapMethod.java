package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JMAP method ({@code Foo/get}, ...); called with resolved arguments. */
@FunctionalInterface
interface JmapMethod {

    /**
     * @param call the request's context (account, created ids, services)
     * @param args the arguments, result references resolved
     * @return the response arguments
     * @throws MethodException for a method-level error
     */
    ObjectNode call(Call call, ObjectNode args) throws MethodException;
}
