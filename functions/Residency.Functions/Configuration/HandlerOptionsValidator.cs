using Microsoft.Extensions.Options;
using Residency.FunctionsHost;

namespace Residency.Functions.Configuration;

/// <summary>The ranges declared on <see cref="HandlerOptions"/>, checked by source-generated code.</summary>
[OptionsValidator]
internal sealed partial class HandlerOptionsValidator : IValidateOptions<HandlerOptions>;
