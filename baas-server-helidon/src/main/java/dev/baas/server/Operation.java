package dev.baas.server;

import io.helidon.http.Method;

/**
 * One HTTP operation the server serves: the single list of these drives both the routing and {@code /openapi.json}.
 *
 * @param path          the path as documented (OpenAPI template syntax, {@code {uuid}})
 * @param authenticated whether an API key is required
 * @param implemented   false for v1 operations answered with 501 for now
 */
record Operation(Method method, String path, String operationId, String summary, boolean authenticated,
                 boolean implemented, int successStatus) {
    static Operation v1(Method method, String path, String operationId, String summary) {
        return new Operation(method, path, operationId, summary, true, true, 200);
    }

    static Operation later(Method method, String path, String operationId, String summary) {
        return new Operation(method, path, operationId, summary, true, false, 200);
    }

    static Operation open(Method method, String path, String operationId, String summary) {
        return new Operation(method, path, operationId, summary, false, true, 200);
    }

    Operation status(int status) {
        return new Operation(method, path, operationId, summary, authenticated, implemented, status);
    }
}
