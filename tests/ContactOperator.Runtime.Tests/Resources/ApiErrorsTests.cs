using System.Net;
using ContactOperator.Runtime.Resources;
using k8s.Models;

namespace ContactOperator.Runtime.Tests.Resources;

public class ApiErrorsTests
{
    [Theory]
    [InlineData(404, "NotFound", typeof(ResourceNotFoundException))]
    [InlineData(409, "Conflict", typeof(ResourceConflictException))]
    [InlineData(409, "AlreadyExists", typeof(ResourceAlreadyExistsException))]
    [InlineData(410, "Expired", typeof(ResourceExpiredException))]
    [InlineData(422, "Invalid", typeof(ResourceInvalidException))]
    [InlineData(500, "InternalError", typeof(KubernetesApiException))]
    public void Status_codes_map_to_the_exception_a_controller_branches_on(int code, string reason, Type expected)
    {
        var e = ApiErrors.FromStatus((HttpStatusCode)code, new V1Status { Code = code, Reason = reason, Message = "server says no" });
        Assert.IsType(expected, e);
        Assert.Equal((HttpStatusCode)code, e.StatusCode);
        Assert.StartsWith("server says no", e.Message);
    }

    [Fact]
    public void Invalid_exposes_its_causes_and_names_fields_in_the_message()
    {
        var status = new V1Status
        {
            Code = 422,
            Reason = "Invalid",
            Message = "Widget.test.io \"a\" is invalid",
            Details = new V1StatusDetails
            {
                Causes = [new V1StatusCause { Field = "spec.size", Reason = "FieldValueInvalid", Message = "must be <= 10" }],
            },
        };

        var e = Assert.IsType<ResourceInvalidException>(ApiErrors.FromStatus(0, status));

        Assert.Equal("spec.size", Assert.Single(e.Causes).Field);
        Assert.Contains("spec.size: must be <= 10", e.Message);
    }

    [Fact]
    public void A_watch_ERROR_with_reason_Expired_but_no_code_is_still_a_relist()
    {
        Assert.IsType<ResourceExpiredException>(ApiErrors.FromStatus(0, new V1Status { Reason = "Expired", Message = "too old resource version" }));
    }
}
