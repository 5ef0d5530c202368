package dev.glancemigrator.planner.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's description: its title and how it authenticates (a bearer token from configuration). */
@OpenAPIDefinition(info = @Info(title = "glance-migrator planner", version = "1",
        description = "Plans a Glance store migration, keeps its ledger, serves status and the audit trail. "
                + "Changes need 'Authorization: Bearer <token>', the token being the content of the file "
                + "planner.api.token-file names; reads too when planner.api.reads-need-token=true. "
                + "Errors are RFC 9457 problem details (application/problem+json)."))
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class PlannerApi extends Application {
}
