using System.Net;
using System.Text.RegularExpressions;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Readiness.Tests.Deployment;

/// <summary>
/// What can be checked of deploy/ without Docker or a cluster: the manifests agree with each other and with the app
/// (image, ports, probes that answer, resources, non-root), and the compose file and image do what deploy/README.md says.
/// yamllint checks the YAML itself in tests/run.sh.
/// </summary>
public sealed class DeployFilesTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string Deploy = Path.Combine(ReadinessApp.RepositoryDirectory(), "deploy");

    private static YamlMappingNode Load(string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(Deploy, relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(
            node,
            (current, key) =>
                ((YamlMappingNode)current).Children.TryGetValue(new YamlScalarNode(key), out var next)
                    ? next
                    : throw new KeyNotFoundException($"No '{key}' in the path {string.Join(".", path)}.")
        );

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static YamlMappingNode Container(YamlMappingNode workload) =>
        (YamlMappingNode)((YamlSequenceNode)At(workload, "spec", "template", "spec", "containers")).Children.Single();

    /// <summary>Whether a label selector matches the pods of a workload's template.</summary>
    private static bool Selects(YamlNode selector, YamlMappingNode workload)
    {
        var labels = (YamlMappingNode)At(workload, "spec", "template", "metadata", "labels");
        return ((YamlMappingNode)selector).Children.All(l => labels.Children.TryGetValue(l.Key, out var value) && value.Equals(l.Value));
    }

    private static YamlMappingNode JobContainer(YamlMappingNode job) =>
        (YamlMappingNode)((YamlSequenceNode)At(job, "spec", "template", "spec", "containers")).Children.Single();

    [Fact]
    public void The_kustomization_lists_files_that_exist_and_names_the_deployments_image()
    {
        var kustomization = Load("kubernetes/kustomization.yaml");
        var resources = ((YamlSequenceNode)At(kustomization, "resources")).Children.Select(r => ((YamlScalarNode)r).Value!).ToList();
        var image = (YamlMappingNode)((YamlSequenceNode)At(kustomization, "images")).Children.Single();

        Assert.All(resources, r => Assert.True(File.Exists(Path.Combine(Deploy, "kubernetes", r)), r));
        Assert.Contains("deployment.yaml", resources);
        Assert.DoesNotContain("secret.example.yaml", resources);
        Assert.Equal(Text(Container(Load("kubernetes/deployment.yaml")), "image"), Text(image, "name"));
        Assert.Matches(@"^\d+\.\d+\.\d+$", Text(image, "newTag"));
    }

    [Fact]
    public async Task The_deployment_runs_two_or_more_non_root_replicas_with_resources_and_probes_on_health_endpoints_that_answer()
    {
        var deployment = Load("kubernetes/deployment.yaml");
        var container = Container(deployment);
        var pod = At(deployment, "spec", "template", "spec");

        Assert.True(int.Parse(Text(deployment, "spec", "replicas"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
        Assert.Equal("false", Text(container, "securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("true", Text(container, "securityContext", "readOnlyRootFilesystem"));
        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.NotEmpty(Text(container, "resources", kind, "cpu"));
            Assert.NotEmpty(Text(container, "resources", kind, "memory"));
        }

        Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
        var port = (YamlMappingNode)((YamlSequenceNode)At(container, "ports")).Children.Single();
        Assert.Equal("8080", Text(port, "containerPort"));
        Assert.Contains(
            "ASPNETCORE_HTTP_PORTS=8080",
            await File.ReadAllTextAsync(Path.Combine(Deploy, "container", "Dockerfile"), TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            var path = Text(container, probe, "httpGet", "path");
            Assert.Equal(
                HttpStatusCode.OK,
                (await Client().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode
            );
        }
    }

    [Fact]
    public void Service_budget_autoscaler_and_ingress_point_at_the_deployments_pods()
    {
        var deployment = Load("kubernetes/deployment.yaml");

        var service = Load("kubernetes/service.yaml");
        Assert.True(Selects(At(service, "spec", "selector"), deployment));
        Assert.True(Selects(At(Load("kubernetes/pdb.yaml"), "spec", "selector", "matchLabels"), deployment));
        var hpa = Load("kubernetes/hpa.yaml");
        Assert.Equal(Text(deployment, "metadata", "name"), Text(hpa, "spec", "scaleTargetRef", "name"));
        Assert.True(int.Parse(Text(hpa, "spec", "minReplicas"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var ingressRule = (YamlMappingNode)((YamlSequenceNode)At(Load("kubernetes/ingress.yaml"), "spec", "rules")).Children.Single();
        var backend = ((YamlSequenceNode)At(ingressRule, "http", "paths")).Children.Single();
        Assert.Equal(Text(service, "metadata", "name"), Text(backend, "backend", "service", "name"));
    }

    [Fact]
    public void Jobs_run_on_worker_pods_that_no_service_selects_with_room_for_a_report_process()
    {
        var web = Load("kubernetes/deployment.yaml");
        var worker = Load("kubernetes/worker.yaml");
        string Env(YamlMappingNode workload, string name) =>
            Text(((YamlSequenceNode)At(Container(workload), "env")).Children.Single(e => Text(e, "name") == name), "value");
        static int Mebibytes(string quantity) =>
            quantity.EndsWith("Gi", StringComparison.Ordinal)
                ? int.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024
                : int.Parse(quantity.TrimEnd('M', 'i'), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains(
            "worker.yaml",
            ((YamlSequenceNode)At(Load("kubernetes/kustomization.yaml"), "resources")).Children.Select(r => r.ToString())
        );
        Assert.Equal(("false", "true"), (Env(web, "Reminders__RunServer"), Env(worker, "Reminders__RunServer")));
        Assert.Equal(Text(Container(web), "image"), Text(Container(worker), "image"));
        Assert.False(Selects(At(Load("kubernetes/service.yaml"), "spec", "selector"), worker));
        Assert.True(
            Mebibytes(Text(Container(worker), "resources", "limits", "memory"))
                >= Mebibytes(Text(Container(web), "resources", "limits", "memory"))
                    + new Readiness.Web.Infrastructure.ReportProcessOptions().HeapMegabytes
        );
        Assert.Equal("/health/ready", Text(Container(worker), "readinessProbe", "httpGet", "path"));
    }

    [Fact]
    public void The_migration_job_runs_the_bundle_script_the_image_carries_with_the_apps_settings()
    {
        var job = Load("kubernetes/migrate-job.yaml");
        var container = JobContainer(job);
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "container", "Dockerfile"));
        var script = File.ReadAllText(Path.Combine(Deploy, "container", "migrate.sh"));

        Assert.Equal("/app/migrate.sh", ((YamlScalarNode)((YamlSequenceNode)At(container, "command")).Children.Single()).Value);
        Assert.Contains("deploy/container/migrate.sh ./migrate.sh", dockerfile, StringComparison.Ordinal);
        Assert.Contains("migrations bundle", dockerfile, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", dockerfile, StringComparison.Ordinal);
        Assert.Contains("efbundle}\" --connection", script, StringComparison.Ordinal);
        Assert.Contains("jobs install", script, StringComparison.Ordinal);
        Assert.Contains("history record", script, StringComparison.Ordinal);
        Assert.Contains("state refresh", script, StringComparison.Ordinal);
        Assert.Equal("Never", Text(job, "spec", "template", "spec", "restartPolicy"));
        Assert.NotEmpty(Text(container, "image"));
        Assert.NotEmpty(Text(container, "resources", "limits", "memory"));
        Assert.Equal(
            ((YamlSequenceNode)At(Container(Load("kubernetes/deployment.yaml")), "envFrom")).Children.Select(e => e.ToString()),
            ((YamlSequenceNode)At(container, "envFrom")).Children.Select(e => e.ToString())
        );
    }

    [Fact]
    public void The_image_is_multi_stage_non_root_with_fonts_and_a_health_check()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "container", "Dockerfile"));

        Assert.Equal(2, Regex.Count(dockerfile, "^FROM ", RegexOptions.Multiline));
        Assert.Matches(@"(?m)^USER \$APP_UID$", dockerfile);
        Assert.Contains("fonts-liberation2", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?s)HEALTHCHECK .*CMD .*/health/ready", dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/Readiness.Web.dll\"]", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_runs_two_app_replicas_after_migrations_behind_a_proxy_it_trusts()
    {
        var compose = Load("compose/compose.yaml");
        var services = (YamlMappingNode)At(compose, "services");
        var app = At(services, "app");
        var shared = At(compose, "x-app");

        Assert.Equal(
            ["postgres", "mail", "migrate", "app", "worker", "proxy"],
            services.Children.Keys.Select(k => ((YamlScalarNode)k).Value)
        );
        Assert.Equal("2", Text(app, "deploy", "replicas"));
        Assert.Equal("false", Text(app, "environment", "Reminders__RunServer"));
        Assert.Equal("true", Text(services, "worker", "environment", "Reminders__RunServer"));
        Assert.Same(shared, At(services, "worker", "<<"));
        Assert.Same(At(shared, "environment"), At(app, "environment", "<<"));
        Assert.Same(At(shared, "environment"), At(services, "worker", "environment", "<<"));
        Assert.Equal("service_completed_successfully", Text(app, "depends_on", "migrate", "condition"));
        Assert.Equal("/app/migrate.sh", ((YamlScalarNode)((YamlSequenceNode)At(services, "migrate", "command")).Children.Single()).Value);
        var subnet = Text(((YamlSequenceNode)At(compose, "networks", "readiness", "ipam", "config")).Children.Single(), "subnet");
        Assert.Same(shared, At(app, "<<"));
        Assert.Same(shared, At(services, "migrate", "<<"));
        Assert.Equal(subnet, Text(shared, "environment", "Proxy__KnownNetworks__0"));
        var nginx = File.ReadAllText(Path.Combine(Deploy, "compose", "nginx.conf"));
        Assert.Contains("server app:8080", nginx, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto $scheme", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_the_manifests_set_is_documented_and_the_example_secret_holds_no_secret()
    {
        var readme = File.ReadAllText(Path.Combine(Deploy, "README.md"));
        var settings = ((YamlMappingNode)At(Load("kubernetes/configmap.yaml"), "data"))
            .Children.Keys.Concat(((YamlMappingNode)At(Load("kubernetes/secret.example.yaml"), "stringData")).Children.Keys)
            .Select(k => Regex.Replace(((YamlScalarNode)k).Value!, "__[0-9]+$", ""));
        Assert.All(settings, s => Assert.Contains($"`{s}", readme, StringComparison.Ordinal));

        var secret = ((YamlMappingNode)At(Load("kubernetes/secret.example.yaml"), "stringData")).Children.Values.Select(v =>
            ((YamlScalarNode)v).Value!
        );
        Assert.All(secret, value => Assert.Matches("REPLACE_ME|^0{8}-0{4}-0{4}-0{4}-0{12}$", value));
    }
}
