package dev.hermod.blob.s3.internal;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3 client: the JDK's HTTP client, named explicitly so that no ServiceLoader lookup happens. */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client create(S3Settings settings, AwsCredentialsProvider credentials) {
        return BundleLoader.call(() -> {
            S3ClientBuilder builder = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(settings.connectTimeout())
                            .socketTimeout(settings.socketTimeout()))
                    .region(Region.of(settings.region()))
                    .credentialsProvider(credentials)
                    .forcePathStyle(settings.pathStyle())
                    // Flexible checksums (CRC trailers) only where S3 demands them: S3-compatible servers
                    // often reject them, and blobs carry their own SHA-256.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            if (settings.endpoint() != null) {
                builder.endpointOverride(settings.endpoint());
            }
            return builder.build();
        });
    }
}
