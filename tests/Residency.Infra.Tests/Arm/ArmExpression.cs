using System.Globalization;
using System.Text;

namespace Residency.Infra.Tests.Arm;

/// <summary>
/// An ARM template language expression (the text inside <c>"[...]"</c>): literals, function calls, member access
/// and indexing, which is all the compiler emits.
/// </summary>
internal abstract record ArmExpression
{
    /// <summary>True when a JSON string is an expression rather than a literal (<c>"[[..."</c> escapes a literal bracket).</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>The literal a non-expression JSON string stands for (an escaped <c>"[[...</c> loses one bracket).</summary>
    public static string Literal(string text) => text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;

    public static ArmExpression Parse(string text)
    {
        if (!IsExpression(text))
        {
            throw new FormatException($"'{text}' is not an ARM expression.");
        }

        var parser = new Parser(text[1..^1]);
        var expression = parser.ParseExpression();
        parser.ExpectEnd();
        return expression;
    }

    /// <summary>True when this is <c>parameters('name')</c>; gives the name.</summary>
    public bool IsParameterReference(out string name)
    {
        name = this is Call { Function: var f, Arguments: [StringLiteral { Value: var n }] } && f.Equals("parameters", StringComparison.OrdinalIgnoreCase) ? n : string.Empty;
        return name.Length > 0;
    }

    public sealed record StringLiteral(string Value) : ArmExpression;

    public sealed record IntegerLiteral(long Value) : ArmExpression;

    public sealed record Call(string Function, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    public sealed record Member(ArmExpression Target, string Name) : ArmExpression;

    public sealed record Index(ArmExpression Target, ArmExpression Key) : ArmExpression;

    private sealed class Parser(string text)
    {
        private int position;

        public ArmExpression ParseExpression()
        {
            SkipSpace();
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (TryTake('.'))
                {
                    expression = new Member(expression, ParseIdentifier());
                }
                else if (TryTake('['))
                {
                    var key = ParseExpression();
                    Expect(']');
                    expression = new Index(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (position != text.Length)
            {
                throw Error("end of expression");
            }
        }

        private ArmExpression ParsePrimary()
        {
            if (Peek() == '\'')
            {
                return new StringLiteral(ParseString());
            }

            if (Peek() is '-' or (>= '0' and <= '9'))
            {
                var start = position++;
                while (Peek() is >= '0' and <= '9')
                {
                    position++;
                }

                return new IntegerLiteral(long.Parse(text[start..position], CultureInfo.InvariantCulture));
            }

            // A bare name is always a function, possibly namespaced (user-defined functions: ns.name).
            var function = ParseIdentifier();
            while (TryTake('.'))
            {
                function += "." + ParseIdentifier();
            }

            Expect('(');
            var arguments = new List<ArmExpression>();
            SkipSpace();
            if (!TryTake(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipSpace();
                }
                while (TryTake(','));
                Expect(')');
            }

            return new Call(function, arguments);
        }

        private string ParseString()
        {
            Expect('\'');
            var value = new StringBuilder();
            while (true)
            {
                if (position >= text.Length)
                {
                    throw Error("closing quote");
                }

                var c = text[position++];
                if (c != '\'')
                {
                    value.Append(c);
                }
                else if (Peek() == '\'')
                {
                    value.Append('\'');
                    position++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        private string ParseIdentifier()
        {
            SkipSpace();
            var start = position;
            while (char.IsLetterOrDigit(Peek()) || Peek() is '_' or '$')
            {
                position++;
            }

            return position > start ? text[start..position] : throw Error("identifier");
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (!TryTake(c))
            {
                throw Error($"'{c}'");
            }
        }

        private bool TryTake(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            position++;
            return true;
        }

        private void SkipSpace()
        {
            while (Peek() == ' ')
            {
                position++;
            }
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private FormatException Error(string expected) => new($"expected {expected} at {position} in [{text}]");
    }
}
