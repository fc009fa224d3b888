package dev.hermod.blob.s3.internal;

import dev.hermod.testing.S3Server;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The shared test server's credentials. */
final class S3Fixture {

    private S3Fixture() {
    }

    static StaticCredentialsProvider credentials() {
        S3Server s3 = S3Server.shared();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    }
}
