package io.billstream.gateway.graphql;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The GraphQL routes in the gateway's OpenAPI document (they are router functions, which springdoc does not see):
 * the endpoint itself and the SDL. The schema's types are described in the SDL, not here.
 */
@Component
class GraphQlOpenApi implements OpenApiCustomizer {

    private static final String TAG = "GraphQL";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            openApi.setPaths(new Paths());
        }
        ObjectSchema request = new ObjectSchema();
        request.setProperties(Map.of("query", new StringSchema(), "operationName", new StringSchema(),
                "variables", new ObjectSchema()));
        request.setRequired(List.of("query"));
        ApiResponses answers = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("`{data, errors, extensions}`; every error has "
                        + "`extensions.code` (the REST stable code); `extensions.upstreamCalls` is the request's cost")
                        .content(new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()))))
                .addApiResponse("400", new ApiResponse().description("not a GraphQL request (problem+json)"))
                .addApiResponse("401", new ApiResponse().description("no or bad credentials"))
                .addApiResponse("413", new ApiResponse().description("body over 1 MiB"))
                .addApiResponse("429", new ApiResponse().description("rate limited"));
        openApi.getPaths().addPathItem("/v1/graphql", new PathItem()
                .post(new Operation().operationId("graphql").addTagsItem(TAG)
                        .summary("Run a GraphQL query or mutation; Idempotency-Key covers the request")
                        .requestBody(new RequestBody().required(true).content(new Content()
                                .addMediaType("application/json", new MediaType().schema(request))))
                        .responses(answers))
                .get(new Operation().operationId("graphqlGet").addTagsItem(TAG)
                        .summary("Run a GraphQL query (mutations need POST: 405)")
                        .addParametersItem(new Parameter().in("query").name("query").required(true)
                                .schema(new StringSchema()))
                        .addParametersItem(new Parameter().in("query").name("operationName").schema(new StringSchema()))
                        .addParametersItem(new Parameter().in("query").name("variables")
                                .description("a JSON object").schema(new StringSchema()))
                        .responses(answers)));
        openApi.getPaths().addPathItem("/v1/graphql/schema", new PathItem()
                .get(new Operation().operationId("graphqlSchema").addTagsItem(TAG)
                        .summary("The GraphQL schema (SDL, with descriptions); no credentials needed")
                        .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("the SDL")
                                .content(new Content().addMediaType("text/plain",
                                        new MediaType().schema(new StringSchema())))))));
    }
}
