namespace ContactOperator.Emulators.Kubernetes.Crd.Cel;

/// <summary>Recursive-descent parser for the CEL subset (no maps literals, no type conversions beyond a few functions).</summary>
internal sealed class CelParser
{
    private readonly List<CelToken> _tokens;
    private int _position;

    private CelParser(List<CelToken> tokens) => _tokens = tokens;

    public static CelNode Parse(string expression)
    {
        var parser = new CelParser(CelLexer.Tokenize(expression));
        var node = parser.Conditional();
        if (parser.Peek.Kind != CelTokenKind.End)
        {
            throw new CelException($"unexpected '{parser.Peek.Text}'");
        }
        return node;
    }

    private CelToken Peek => _tokens[_position];

    private bool IsOperator(string op) => Peek.Kind == CelTokenKind.Operator && Peek.Text == op;

    private void Expect(string op)
    {
        if (!IsOperator(op))
        {
            throw new CelException($"expected '{op}' but found '{Peek.Text}'");
        }
        _position++;
    }

    private CelNode Conditional()
    {
        var condition = Or();
        if (!IsOperator("?"))
        {
            return condition;
        }
        _position++;
        var then = Or();
        Expect(":");
        var otherwise = Conditional();
        return new CelConditional(condition, then, otherwise);
    }

    private CelNode Or()
    {
        var left = And();
        while (IsOperator("||"))
        {
            _position++;
            left = new CelBinary("||", left, And());
        }
        return left;
    }

    private CelNode And()
    {
        var left = Relation();
        while (IsOperator("&&"))
        {
            _position++;
            left = new CelBinary("&&", left, Relation());
        }
        return left;
    }

    private CelNode Relation()
    {
        var left = Additive();
        while (Peek.Kind == CelTokenKind.Operator && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">="
            || Peek.Kind == CelTokenKind.Identifier && Peek.Text == "in")
        {
            var op = Peek.Text;
            _position++;
            left = new CelBinary(op, left, Additive());
        }
        return left;
    }

    private CelNode Additive()
    {
        var left = Multiplicative();
        while (IsOperator("+") || IsOperator("-"))
        {
            var op = Peek.Text;
            _position++;
            left = new CelBinary(op, left, Multiplicative());
        }
        return left;
    }

    private CelNode Multiplicative()
    {
        var left = Unary();
        while (IsOperator("*") || IsOperator("/") || IsOperator("%"))
        {
            var op = Peek.Text;
            _position++;
            left = new CelBinary(op, left, Unary());
        }
        return left;
    }

    private CelNode Unary()
    {
        if (IsOperator("!") || IsOperator("-"))
        {
            var op = Peek.Text;
            _position++;
            return new CelUnary(op, Unary());
        }
        return Member();
    }

    private CelNode Member()
    {
        var node = Primary();
        while (true)
        {
            if (IsOperator("."))
            {
                _position++;
                var name = Peek.Kind == CelTokenKind.Identifier ? Peek.Text : throw new CelException("expected a field name after '.'");
                _position++;
                if (IsOperator("("))
                {
                    node = new CelCall(node, name, Arguments());
                }
                else
                {
                    node = new CelSelect(node, name, false);
                }
            }
            else if (IsOperator("["))
            {
                _position++;
                var index = Conditional();
                Expect("]");
                node = new CelIndex(node, index);
            }
            else
            {
                return node;
            }
        }
    }

    private List<CelNode> Arguments()
    {
        Expect("(");
        var args = new List<CelNode>();
        if (!IsOperator(")"))
        {
            args.Add(Conditional());
            while (IsOperator(","))
            {
                _position++;
                args.Add(Conditional());
            }
        }
        Expect(")");
        return args;
    }

    private CelNode Primary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case CelTokenKind.Int or CelTokenKind.Double or CelTokenKind.String:
                _position++;
                return new CelLiteral(token.Value);
            case CelTokenKind.Identifier:
                _position++;
                switch (token.Text)
                {
                    case "true":
                        return new CelLiteral(true);
                    case "false":
                        return new CelLiteral(false);
                    case "null":
                        return new CelLiteral(null);
                }
                if (IsOperator("("))
                {
                    var args = Arguments();
                    if (token.Text == "has")
                    {
                        return args is [CelSelect select] ? select with { TestOnly = true } : throw new CelException("has() expects a field selection");
                    }
                    return new CelCall(null, token.Text, args);
                }
                return new CelIdent(token.Text);
            case CelTokenKind.Operator when token.Text == "(":
                _position++;
                var inner = Conditional();
                Expect(")");
                return inner;
            case CelTokenKind.Operator when token.Text == "[":
                _position++;
                var items = new List<CelNode>();
                if (!IsOperator("]"))
                {
                    items.Add(Conditional());
                    while (IsOperator(","))
                    {
                        _position++;
                        items.Add(Conditional());
                    }
                }
                Expect("]");
                return new CelList(items);
            default:
                throw new CelException($"unexpected '{token.Text}'");
        }
    }
}
