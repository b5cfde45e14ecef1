package org.vesalius.vna.server.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.server.security.SecurityProperties;

/**
 * {@code GET /viewer/vesalius-login.js}: how the viewer logs in, from the archive's own
 * configuration, so that the static {@code app-config.js} needs no rewriting when tokens are
 * turned on or the issuer changes. {@code index.html} loads it before {@code app-config.js}
 * ({@code viewer/prepare.mjs} adds the tag), which configures OHIF's {@code oidc} from it:
 * {@code window.vesaliusLogin} is {@code null} when the archive requires no token, else the
 * issuer whose tokens it accepts ({@code vna.security.issuer-uri}: the authority, equal to the
 * {@code iss} the archive checks) and the viewer's client ({@code vna.viewer.client-id}). Open
 * like the viewer's other files: it names no patient and no secret.
 */
@RestController
class ViewerLoginScript {

    static final String PATH = ViewerConfiguration.PATH + "vesalius-login.js";

    private final String script;

    ViewerLoginScript(SecurityProperties security, ViewerProperties viewer, ObjectMapper json) throws JsonProcessingException {
        Map<String, String> login = null;
        // No issuer named: a maintenance command (no HTTP), or a server that security's own wiring stops with the reason.
        if (security.enabled() && security.issuerUri() != null) {
            login = new LinkedHashMap<>();
            login.put("authority", security.issuerUri().toString());
            login.put("clientId", viewer.clientId());
        }
        this.script = "// The viewer's login, from the archive's configuration (vna.security.*, vna.viewer.client-id);\n"
                + "// null: the archive requires no token.\n"
                + "window.vesaliusLogin = " + json.writeValueAsString(login) + ";\n";
    }

    @GetMapping(value = PATH, produces = "text/javascript")
    ResponseEntity<String> script() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(script);
    }
}
