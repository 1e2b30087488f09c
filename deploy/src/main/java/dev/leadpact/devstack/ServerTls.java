package dev.leadpact.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its private key as PEM files, for a local server that speaks TLS.
 * Made with the JDK's own {@code keytool}, so that nothing but a JDK is needed.
 *
 * @param certificate the certificate (PEM), which clients also trust as its own root
 * @param privateKey the unencrypted PKCS#8 key (PEM), readable by its owner only
 */
public record ServerTls(Path certificate, Path privateKey) {
    private static final String ALIAS = "server";
    private static final char[] STORE_PASSWORD = "local-tls-store".toCharArray();

    /** A key pair and a certificate for {@code host} (and 127.0.0.1), valid for 30 days. */
    public static ServerTls selfSigned(Path dir, String host) throws IOException {
        Files.createDirectories(dir);
        Path store = dir.resolve("server.p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        ALIAS,
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "30",
                        "-dname",
                        "CN=" + host,
                        "-ext",
                        "SAN=dns:" + host + ",ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(STORE_PASSWORD)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while making a certificate", e);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD);
            Path certificate = dir.resolve("server.crt");
            Path privateKey = dir.resolve("server.key");
            Files.writeString(
                    certificate, pem("CERTIFICATE", keys.getCertificate(ALIAS).getEncoded()));
            Files.deleteIfExists(privateKey);
            Files.createFile(
                    privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    privateKey,
                    pem("PRIVATE KEY", keys.getKey(ALIAS, STORE_PASSWORD).getEncoded()));
            return new ServerTls(certificate, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the certificate keytool made", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
