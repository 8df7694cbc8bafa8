# One Dockerfile for every Billstream service: docker build --build-arg MODULE=invoice-service .
# Stage 1 builds the module with Maven, stage 2 splits the Boot jar into layers, stage 3 runs it as non-root.
# The web dashboard is built in its own Node stage and copied as static files (the gateway serves them; no Node
# at runtime).
FROM node:20-bookworm-slim AS dashboard
WORKDIR /dashboard
COPY dashboard/package.json dashboard/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY dashboard/ ./
RUN npm run build

FROM maven:3.9-eclipse-temurin-21 AS build
ARG MODULE
WORKDIR /src
COPY pom.xml .
COPY platform/pom.xml platform/
COPY test-support/pom.xml test-support/
COPY invoice-service/pom.xml invoice-service/
COPY payment-service/pom.xml payment-service/
COPY document-service/pom.xml document-service/
COPY webhook-service/pom.xml webhook-service/
COPY gateway/pom.xml gateway/
COPY dashboard/pom.xml dashboard/
COPY system-tests/pom.xml system-tests/
RUN mvn -B -q -pl ${MODULE} -am dependency:go-offline -DexcludeGroupIds=io.billstream || true
COPY . .
RUN mvn -B -q -pl ${MODULE} -am -DskipTests package && cp ${MODULE}/target/${MODULE}-*.jar /src/app.jar

FROM eclipse-temurin:21-jre AS layers
WORKDIR /layers
COPY --from=build /src/app.jar app.jar
# Layers of the extracted jar (app.jar + lib/), no launcher: the JVM loads every class from its own class path, as
# `./billstream up` runs the services, so the same class loading (and JAXP's pinned factory, XmlTransformers) holds.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system billstream && useradd --system --gid billstream --home /app billstream
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# Static files only the gateway serves (BILLSTREAM_GATEWAY_DASHBOARD_LOCATION in docker-compose.yml).
COPY --from=dashboard /dashboard/dist/ /app/dashboard/
USER billstream
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "app.jar"]
