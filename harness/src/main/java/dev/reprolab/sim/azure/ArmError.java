package dev.reprolab.sim.azure;

/** An ARM error response: HTTP status plus the {@code {"error":{"code","message"}}} body every resource provider uses. */
final class ArmError extends RuntimeException {

    final int status;
    final String code;

    ArmError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ArmError notFound(String type, String name, String group) {
        return new ArmError(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group '"
                + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static ArmError groupNotFound(String group) {
        return new ArmError(404, "ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
    }

    static ArmError invalid(String message) {
        return new ArmError(400, "InvalidParameter", message);
    }

    static ArmError notAllowed(String message) {
        return new ArmError(409, "OperationNotAllowed", message);
    }
}
