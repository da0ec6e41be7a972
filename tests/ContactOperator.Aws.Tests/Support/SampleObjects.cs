using System.Collections;
using System.Reflection;

namespace ContactOperator.Aws.Tests.Support;

/// <summary>Builds request records with every member set, and checks unmarshalled records for unset members (test-only reflection).</summary>
internal static class SampleObjects
{
    public static object Create(Type type, int depth = 0)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || depth > 8)
            {
                continue;
            }

            property.SetValue(instance, Value(property.PropertyType, property.Name, depth));
        }

        return instance;
    }

    public static object Value(Type type, string name, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return "sample-" + name;
        }

        if (underlying == typeof(int))
        {
            return 7;
        }

        if (underlying == typeof(long))
        {
            return 7L;
        }

        if (underlying == typeof(double))
        {
            return 1.5;
        }

        if (underlying == typeof(bool))
        {
            return true;
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = underlying.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Value(element, name, depth + 1));
            return list;
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var value = underlying.GetGenericArguments()[1];
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), value))!;
            map["key1"] = Value(value, name, depth + 1);
            return map;
        }

        return Create(underlying, depth + 1);
    }

    /// <summary>Paths of public properties that are null anywhere in the object graph.</summary>
    public static IEnumerable<string> NullMembers(object value, string path)
    {
        var type = value.GetType();
        if (type == typeof(string) || type.IsValueType)
        {
            yield break;
        }

        if (value is IEnumerable sequence)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                var itemValue = item is DictionaryEntry entry ? entry.Value! : item;
                if (itemValue.GetType().IsGenericType && itemValue.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                {
                    itemValue = itemValue.GetType().GetProperty("Value")!.GetValue(itemValue)!;
                }

                foreach (var missing in NullMembers(itemValue, $"{path}[{index++}]"))
                {
                    yield return missing;
                }
            }

            if (index == 0)
            {
                yield return path + " (empty)";
            }

            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            var child = property.GetValue(value);
            if (child is null)
            {
                yield return $"{path}.{property.Name}";
                continue;
            }

            foreach (var missing in NullMembers(child, $"{path}.{property.Name}"))
            {
                yield return missing;
            }
        }
    }

    public static bool IsRequired(PropertyInfo property) =>
        property.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute");
}
