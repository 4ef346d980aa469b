using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The expression parser and the value tracing the residency checks are built on.</summary>
public class ArmTemplateTests
{
    [Fact]
    public void Expressions_parse_calls_literals_members_and_indexes()
    {
        var expression = ArmExpression.Parse("[reference(resourceId('A.B/c', 'it''s'), '2020-01-01').outputs[parameters('k')].value]");

        var member = Assert.IsType<ArmExpression.Member>(expression);
        Assert.Equal("value", member.Name);
        var index = Assert.IsType<ArmExpression.Index>(member.Target);
        Assert.True(index.Key.IsParameterReference(out var key));
        Assert.Equal("k", key);
        var reference = Assert.IsType<ArmExpression.Call>(Assert.IsType<ArmExpression.Member>(index.Target).Target);
        Assert.Equal(new ArmExpression.StringLiteral("it's"), Assert.IsType<ArmExpression.Call>(reference.Arguments[0]).Arguments[1]);
    }

    [Theory]
    [InlineData("[[not an expression]", false, "[not an expression]")]
    [InlineData("plain", false, "plain")]
    [InlineData("[variables('x')]", true, null)]
    public void Escaped_brackets_are_literals(string text, bool isExpression, string? literal)
    {
        Assert.Equal(isExpression, ArmExpression.IsExpression(text));
        if (literal is not null)
        {
            Assert.Equal(literal, ArmExpression.Literal(text));
        }
    }

    [Fact]
    public void A_module_parameter_takes_what_the_parent_passes_through_variables_and_if()
    {
        var root = Root("""
            {
              "parameters": { "zoneRedundant": { "type": "bool" } },
              "variables": { "sku": "[if(parameters('zoneRedundant'), 'Standard_ZRS', 'Standard_LRS')]" },
              "resources": [ {
                "type": "Microsoft.Resources/deployments", "name": "m",
                "properties": {
                  "parameters": { "skuName": { "value": "[variables('sku')]" } },
                  "template": {
                    "parameters": { "skuName": { "type": "string" }, "tier": { "type": "string", "defaultValue": "Hot" } },
                    "resources": [ { "type": "T/x", "sku": { "name": "[parameters('skuName')]" }, "tier": "[parameters('tier')]" } ]
                  } } } ]
            }
            """);
        var module = root.SelfAndModules().Last();
        var resource = module.Resources[0];

        Assert.Equal(["Standard_ZRS", "Standard_LRS"], PossibleValues.Strings(resource["sku"]!["name"], module));
        Assert.Equal(["Hot"], PossibleValues.Strings(resource["tier"], module));
    }

    [Fact]
    public void At_an_open_root_only_allowed_values_bound_a_parameter()
    {
        var root = Root("""
            {
              "parameters": {
                "sku": { "type": "string", "defaultValue": "Standard_LRS", "allowedValues": [ "Standard_LRS", "Standard_GRS" ] },
                "open": { "type": "string", "defaultValue": "x" },
                "regions": { "type": "array", "allowedValues": [ "chinanorth3", "chinanorth2" ] }
              }
            }
            """);

        Assert.Equal(["Standard_LRS", "Standard_GRS"], PossibleValues.Strings(JsonValue.Create("[parameters('sku')]"), root));
        Assert.Null(PossibleValues.Of(JsonValue.Create("[parameters('open')]"), root));
        Assert.Equal("[\"chinanorth3\",\"chinanorth2\"]", Assert.Single(PossibleValues.Of(JsonValue.Create("[parameters('regions')]"), root)!).Json!.ToJsonString());
        Assert.Null(PossibleValues.Of(JsonValue.Create("[reference('x').outputs.y.value]"), root));
    }

    [Fact]
    public void Resource_ids_and_formats_are_built_from_known_parts()
    {
        var root = Root("""{ "variables": { "roles": { "owner": "8e3af657-a8ff-4c10-bc80-1b8e9a2b02a2" } } }""");

        Assert.Equal(["/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-4c10-bc80-1b8e9a2b02a2"],
            PossibleValues.Strings(JsonValue.Create("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').owner)]"), root));
        Assert.Equal(["a-8e3af657-a8ff-4c10-bc80-1b8e9a2b02a2"],
            PossibleValues.Strings(JsonValue.Create("[format('a-{0}', variables('roles')['owner'])]"), root));
    }

    private static TemplateScope Root(string json) => TemplateScope.Root(JsonNode.Parse(json)!.AsObject(), "fixture.bicep", _ => null);
}
