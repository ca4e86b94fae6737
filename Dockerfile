# syntax=docker/dockerfile:1
# Wrapper: the gateway plus the coding CLIs, pinned by the same package.json the tests use.

# --- build the gateway ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props NuGet.config ./
COPY src/Wrapper.Server/Wrapper.Server.csproj src/Wrapper.Server/
RUN dotnet restore src/Wrapper.Server/Wrapper.Server.csproj
COPY src/ src/
RUN dotnet publish src/Wrapper.Server/Wrapper.Server.csproj -c Release -o /app --no-restore

# --- install the CLIs exactly as the tests do: `npm install` against package-lock.json
#     (not `npm ci`: some optional platform packages cannot be locked; see tests/Wrapper.EndToEndTests/RealClis.cs) ---
# Node 22: what claude-code 2.1.332 and qwen-code 0.24.4 declare (engines); README "Node.js" says what runs on 20.
FROM node:22-bookworm-slim AS clis
WORKDIR /opt/wrapper
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

# --- runtime: ASP.NET Core, Node for the Node-based CLIs, a non-root user ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=clis /usr/local/bin/node /usr/local/bin/node
COPY --from=clis /opt/wrapper/node_modules /opt/wrapper/node_modules
# The SQLite usage ledger lives in a folder the user owns (a named volume in compose.yaml keeps it).
RUN useradd --create-home --uid 10001 wrapper \
 && install -d -o wrapper -g wrapper /home/wrapper/data
ENV PATH="/opt/wrapper/node_modules/.bin:${PATH}" \
    HOST=0.0.0.0 \
    PORT=8000 \
    SANDBOX_ROOT=/home/wrapper/.cache/wrapper/sandboxes \
    DATA_DIR=/home/wrapper/data
WORKDIR /app
COPY --from=build /app ./
USER wrapper
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["dotnet", "Wrapper.Server.dll"]
