package dev.leadpact.apikeys;

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
import java.util.Set;

/** Checks a presented key against the configured API keys; the client's name becomes the principal. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiKeyBook book;

    ApiKeyIdentityProvider(ApiKeyBook book) {
        this.book = book;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        byte[] presented = request.getToken().getToken().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, ? extends ApiKey> client : book.apiKeys().entrySet()) {
            byte[] expected = client.getValue().key().orElse("").getBytes(StandardCharsets.UTF_8);
            // constant-time comparison: the answer time says nothing about how much of a key matched
            if (expected.length > 0 && MessageDigest.isEqual(presented, expected)) {
                return Uni.createFrom()
                        .item(QuarkusSecurityIdentity.builder()
                                .setPrincipal(new QuarkusPrincipal(client.getKey()))
                                .addRoles(Set.copyOf(client.getValue().roles()))
                                .addCredential(request.getToken())
                                .build());
            }
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
    }
}
