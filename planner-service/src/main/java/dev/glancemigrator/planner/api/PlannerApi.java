package dev.glancemigrator.planner.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's description: its title and how it authenticates (a Keystone token, or the static bearer token). */
@OpenAPIDefinition(info = @Info(title = "glance-migrator planner", version = "1",
        description = "Plans a Glance store migration, keeps its ledger, serves status and the audit trail. "
                + "Changes need a Keystone token with an admin role ('X-Auth-Token: <token>', when gm.keystone.auth-url "
                + "is set) or 'Authorization: Bearer <token>', the token being the content of the file "
                + "planner.api.token-file names; reads too when Keystone is set (a reader role) or when "
                + "planner.api.reads-need-token=true. "
                + "Errors are RFC 9457 problem details (application/problem+json)."))
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The static token: the content of the file planner.api.token-file names")
@SecurityScheme(securitySchemeName = "keystone", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Auth-Token", description = "A Keystone token ('openstack token issue'), when gm.keystone.auth-url"
                + " is set: reads need a reader (or admin) role, changes an admin role")
public class PlannerApi extends Application {
}
