using Microsoft.Extensions.Configuration;
using Wrapper.Server.Configuration;

namespace Wrapper.Tests.Configuration;

/// <summary>Which <c>.env</c> files are read, and which wins.</summary>
public sealed class DotEnvLocationsTests
{
    private string _root = "";
    private string _project = "";
    private string _elsewhere = "";

    [SetUp]
    public void CreateRepository()
    {
        _root = Directory.CreateTempSubdirectory("wrapper-dotenv-").FullName;
        File.WriteAllText(Path.Combine(_root, "Wrapper.sln"), "");
        _project = Directory.CreateDirectory(Path.Combine(_root, "src", "Wrapper.Server")).FullName;
        File.WriteAllText(Path.Combine(_project, "Wrapper.Server.csproj"), "<Project />");
        _elsewhere = Directory.CreateDirectory(Path.Combine(_root, "samples")).FullName;
    }

    [TearDown]
    public void RemoveRepository() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Dotnet_run_from_the_repository_root_reads_the_root_env_once()
    {
        // dotnet run --project src/Wrapper.Server: working directory = the project, PWD = where the user typed it.
        Assert.That(DotEnvLocations.Files(_project, _root), Is.EqualTo(new[] { Path.Combine(_root, ".env") }));
    }

    [Test]
    public void Dotnet_run_from_another_folder_reads_the_root_then_that_folder()
    {
        Assert.That(DotEnvLocations.Files(_project, _elsewhere), Is.EqualTo(new[] { Path.Combine(_root, ".env"), Path.Combine(_elsewhere, ".env") }));
    }

    [Test]
    public void The_built_server_started_in_a_folder_reads_that_folder_and_ignores_a_stale_PWD()
    {
        // Not the project folder: the working directory is where the user (or a service manager) started it.
        Assert.That(DotEnvLocations.Files(_elsewhere, "/"), Is.EqualTo(new[] { Path.Combine(_root, ".env"), Path.Combine(_elsewhere, ".env") }));
    }

    [Test]
    public void Outside_a_repository_only_the_start_folder_is_read()
    {
        var outside = Directory.CreateTempSubdirectory("wrapper-dotenv-outside-").FullName;
        try
        {
            Assert.That(DotEnvLocations.Files(outside, null), Is.EqualTo(new[] { Path.Combine(outside, ".env") }));
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Test]
    public void The_environment_wins_over_the_start_folder_which_wins_over_the_root()
    {
        var variable = $"WRAPPER_DOTENV_TEST_{Guid.NewGuid():N}";
        File.WriteAllLines(Path.Combine(_root, ".env"), ["PORT=1111", "HOST=0.0.0.0", $"{variable}=from-root"]);
        File.WriteAllLines(Path.Combine(_elsewhere, ".env"), ["PORT=2222", $"{variable}=from-start"]);
        Environment.SetEnvironmentVariable(variable, "from-environment");
        try
        {
            var builder = new ConfigurationBuilder().AddEnvironmentVariables();
            foreach (var file in DotEnvLocations.Files(_project, _elsewhere)) DotEnvConfigurationSource.InsertBeforeEnvironment(builder, file);
            var configuration = builder.Build();

            Assert.That(configuration[variable], Is.EqualTo("from-environment"));
            Assert.That(configuration["PORT"], Is.EqualTo(Environment.GetEnvironmentVariable("PORT") ?? "2222"));
            Assert.That(configuration["HOST"], Is.EqualTo(Environment.GetEnvironmentVariable("HOST") ?? "0.0.0.0"), "a key only the root file has still counts");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
