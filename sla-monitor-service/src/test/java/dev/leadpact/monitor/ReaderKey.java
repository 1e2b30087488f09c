package dev.leadpact.monitor;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the ops API with the test profile's reader key, as an ops client sends them. */
public final class ReaderKey {
    public static final String KEY = "test-reader-key";

    private ReaderKey() {}

    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + KEY);
    }
}
