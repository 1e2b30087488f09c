package dev.leadpact.reporting.security;

import dev.leadpact.reporting.ReportingConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** Checks a presented key against the configured API keys; the client's name becomes the principal. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ReportingConfig config;

    ApiKeyIdentityProvider(ReportingConfig config) {
        this.config = config;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        byte[] presented = request.getToken().getToken().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, ReportingConfig.ApiKey> client : config.apiKeys().entrySet()) {
            byte[] expected = client.getValue().key().orElse("").getBytes(StandardCharsets.UTF_8);
            // constant-time comparison: the answer time says nothing about how much of a key matched
            if (expected.length > 0 && MessageDigest.isEqual(presented, expected)) {
                return Uni.createFrom()
                        .item(QuarkusSecurityIdentity.builder()
                                .setPrincipal(new QuarkusPrincipal(client.getKey()))
                                .addRoles(java.util.Set.copyOf(client.getValue().roles()))
                                .addCredential(request.getToken())
                                .build());
            }
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
    }
}
