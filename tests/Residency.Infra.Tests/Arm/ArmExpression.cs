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

    public static ArmExpression Parse(string text) =>
        IsExpression(text) ? new Parser(text[1..^1]).ParseAll() : throw new FormatException($"'{text}' is not an ARM expression.");

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

        public ArmExpression ParseAll()
        {
            var expression = ParseExpression();
            return Peek() == '\0' ? expression : throw Error("end of expression");
        }

        // expression := primary ('.' name | '[' expression ']')*
        private ArmExpression ParseExpression()
        {
            var expression = ParsePrimary();
            while (true)
            {
                if (TryTake('.'))
                {
                    expression = new Member(expression, ParseName());
                }
                else if (TryTake('['))
                {
                    expression = new Index(expression, ParseExpression());
                    Expect(']');
                }
                else
                {
                    return expression;
                }
            }
        }

        // primary := 'string' | integer | name ('.' name)* '(' [expression (',' expression)*] ')'
        private ArmExpression ParsePrimary()
        {
            if (TryTake('\''))
            {
                var value = new StringBuilder();
                while (position < text.Length && (text[position] != '\'' || (position + 1 < text.Length && text[position + 1] == '\'' && ++position > 0)))
                {
                    value.Append(text[position++]);
                }

                Expect('\'');
                return new StringLiteral(value.ToString());
            }

            if (Peek() is '-' or (>= '0' and <= '9'))
            {
                var start = position++;
                while (char.IsAsciiDigit(Peek()))
                {
                    position++;
                }

                return new IntegerLiteral(long.Parse(text[start..position], CultureInfo.InvariantCulture));
            }

            var function = ParseName();
            while (TryTake('.'))
            {
                function += "." + ParseName(); // user-defined functions are namespaced
            }

            Expect('(');
            var arguments = new List<ArmExpression>();
            if (!TryTake(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                }
                while (TryTake(','));
                Expect(')');
            }

            return new Call(function, arguments);
        }

        private string ParseName()
        {
            SkipSpace();
            var start = position;
            while (char.IsLetterOrDigit(Peek()) || Peek() is '_' or '$')
            {
                position++;
            }

            return position > start ? text[start..position] : throw Error("a name");
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Error($"'{c}'");
            }
        }

        private bool TryTake(char c)
        {
            SkipSpace();
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
