package dev.hermod.http.internal;

import dev.hermod.api.http.FormData;
import dev.hermod.api.http.HttpException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses form bodies (RFC 7578 multipart and URL-encoded) with Netty's decoder, in memory. */
final class Forms {

    private Forms() {
    }

    static FormData parse(Request request) {
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            return new FormData(request.queryParameters(), List.of());
        }
        String type = request.mediaType().orElse("");
        if (!type.equals("application/x-www-form-urlencoded") && !type.equals("multipart/form-data")) {
            throw HttpException.unsupportedMediaType(
                    "Expected a form (application/x-www-form-urlencoded or multipart/form-data), not "
                            + (type.isEmpty() ? "a body without Content-Type" : type) + ".");
        }
        DefaultFullHttpRequest full = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                request.rawTarget(), Unpooled.wrappedBuffer(request.body()));
        full.headers().set(request.nettyHeaders());
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), full, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            full.release();
            throw HttpException.badRequest("The form cannot be read: " + e.getMessage());
        }
        try {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            List<FormData.FormFile> files = new ArrayList<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload upload) {
                    files.add(new FormData.FormFile(upload.getName(), upload.getFilename() == null ? "" : upload.getFilename(),
                            upload.getContentType() == null ? "application/octet-stream" : upload.getContentType(),
                            upload.get()));
                } else if (data instanceof Attribute attribute) {
                    fields.computeIfAbsent(attribute.getName(), k -> new ArrayList<>()).add(attribute.getValue());
                }
            }
            return new FormData(fields, files);
        } catch (IOException | RuntimeException e) {
            throw HttpException.badRequest("The form cannot be read: " + e.getMessage());
        } finally {
            decoder.destroy();
            full.release();
        }
    }
}
