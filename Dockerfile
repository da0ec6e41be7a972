# syntax=docker/dockerfile:1
# The operator image: built with the pinned .NET SDK, run on the chiseled ASP.NET Core runtime (no shell, no package
# manager) as the non-root user 1654. Only src/ContactOperator and the projects it references are published.
#   docker build -t contact-operator:dev .
# Pin by digest in your own builds (e.g. --build-arg RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet@sha256:...).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.100-noble
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.0-noble-chiseled

FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH=amd64
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ContactOperator/ContactOperator.csproj src/ContactOperator/
COPY src/ContactOperator.Api/ContactOperator.Api.csproj src/ContactOperator.Api/
COPY src/ContactOperator.Runtime/ContactOperator.Runtime.csproj src/ContactOperator.Runtime/
COPY src/ContactOperator.Aws/ContactOperator.Aws.csproj src/ContactOperator.Aws/
RUN dotnet restore src/ContactOperator/ContactOperator.csproj -a "$TARGETARCH"
COPY src/ContactOperator/ src/ContactOperator/
COPY src/ContactOperator.Api/ src/ContactOperator.Api/
COPY src/ContactOperator.Runtime/ src/ContactOperator.Runtime/
COPY src/ContactOperator.Aws/ src/ContactOperator.Aws/
RUN dotnet publish src/ContactOperator/ContactOperator.csproj -c Release -a "$TARGETARCH" --no-restore --self-contained false -p:UseAppHost=true -o /app

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app ./
# The chiseled images' "app" user; numeric so runAsNonRoot can verify it without reading /etc/passwd.
USER 1654:1654
EXPOSE 8080 8081 9443
ENTRYPOINT ["/app/contact-operator"]
CMD ["run"]
